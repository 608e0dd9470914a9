-- CreateTable
CREATE TABLE "Broadcast" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clubId" TEXT,
    "communeId" TEXT,
    "provinceId" TEXT,
    "authorId" TEXT NOT NULL,
    "authorAccountId" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "meetingId" TEXT,
    "text" TEXT,
    "sendAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "total" INTEGER NOT NULL DEFAULT 0,
    "noChat" INTEGER NOT NULL DEFAULT 0,
    "queuedAt" DATETIME,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "broadcastId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "accountId" TEXT,
    "rsvp" TEXT,
    "rsvpAt" DATETIME,
    CONSTRAINT "BroadcastRecipient_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "chatId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" DATETIME,
    "dedupeKey" TEXT,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "broadcastId" INTEGER
);
INSERT INTO "new_OutboxMessage" ("attempts", "channel", "chatId", "createdAt", "dedupeKey", "id", "lastError", "leaseUntil", "nextAttemptAt", "payload", "sentAt", "status") SELECT "attempts", "channel", "chatId", "createdAt", "dedupeKey", "id", "lastError", "leaseUntil", "nextAttemptAt", "payload", "sentAt", "status" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE UNIQUE INDEX "OutboxMessage_dedupeKey_key" ON "OutboxMessage"("dedupeKey");
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_status_priority_id_idx" ON "OutboxMessage"("status", "priority", "id");
CREATE INDEX "OutboxMessage_channel_chatId_id_idx" ON "OutboxMessage"("channel", "chatId", "id");
CREATE INDEX "OutboxMessage_broadcastId_status_idx" ON "OutboxMessage"("broadcastId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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

