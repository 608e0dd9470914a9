-- CreateTable
CREATE TABLE "VisitRequest" (
    "id" SERIAL NOT NULL,
    "clubId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "requestedById" TEXT,
    "need" TEXT NOT NULL,
    "when" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "claimedById" TEXT,
    "claimedAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "report" TEXT,
    "condition" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VisitRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "VisitRequest_clubId_status_idx" ON "VisitRequest"("clubId", "status");

-- CreateIndex
CREATE INDEX "VisitRequest_memberId_idx" ON "VisitRequest"("memberId");

