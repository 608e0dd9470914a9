-- CreateTable
CREATE TABLE "VisitRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clubId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "requestedById" TEXT,
    "need" TEXT NOT NULL,
    "when" TEXT NOT NULL,
    "note" TEXT,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "claimedById" TEXT,
    "claimedAt" DATETIME,
    "doneAt" DATETIME,
    "report" TEXT,
    "condition" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "VisitRequest_clubId_status_idx" ON "VisitRequest"("clubId", "status");

-- CreateIndex
CREATE INDEX "VisitRequest_memberId_idx" ON "VisitRequest"("memberId");

