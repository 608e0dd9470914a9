-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "broadcastId" INTEGER,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
    "clubId" TEXT,
    "communeId" TEXT,
    "provinceId" TEXT,
    "authorId" TEXT NOT NULL,
    "authorAccountId" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "meetingId" TEXT,
    "text" TEXT,
    "sendAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "total" INTEGER NOT NULL DEFAULT 0,
    "noChat" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" SERIAL NOT NULL,
    "broadcastId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "accountId" TEXT,
    "rsvp" TEXT,
    "rsvpAt" TIMESTAMPTZ(3),

    CONSTRAINT "BroadcastRecipient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Broadcast_status_idx" ON "Broadcast"("status");

-- CreateIndex
CREATE INDEX "Broadcast_clubId_id_idx" ON "Broadcast"("clubId", "id");

-- CreateIndex
CREATE INDEX "Broadcast_authorId_id_idx" ON "Broadcast"("authorId", "id");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_memberId_broadcastId_idx" ON "BroadcastRecipient"("memberId", "broadcastId");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastRecipient_broadcastId_memberId_key" ON "BroadcastRecipient"("broadcastId", "memberId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_priority_id_idx" ON "OutboxMessage"("status", "priority", "id");

-- CreateIndex
CREATE INDEX "OutboxMessage_broadcastId_status_idx" ON "OutboxMessage"("broadcastId", "status");

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

