-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Broadcast" (
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
    "queuedAt" DATETIME,
    "doneAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Broadcast" ("audience", "authorAccountId", "authorId", "clubId", "communeId", "createdAt", "doneAt", "id", "meetingId", "provinceId", "queuedAt", "sendAt", "status", "template", "text") SELECT "audience", "authorAccountId", "authorId", "clubId", "communeId", "createdAt", "doneAt", "id", "meetingId", "provinceId", "queuedAt", "sendAt", "status", "template", "text" FROM "Broadcast";
DROP TABLE "Broadcast";
ALTER TABLE "new_Broadcast" RENAME TO "Broadcast";
CREATE INDEX "Broadcast_status_idx" ON "Broadcast"("status");
CREATE INDEX "Broadcast_clubId_id_idx" ON "Broadcast"("clubId", "id");
CREATE INDEX "Broadcast_authorId_id_idx" ON "Broadcast"("authorId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

