-- AlterTable
ALTER TABLE "Member" ADD COLUMN "hardship" TEXT;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN "activities" TEXT;
ALTER TABLE "Meeting" ADD COLUMN "bpChecks" INTEGER;
ALTER TABLE "Meeting" ADD COLUMN "recordedAt" DATETIME;

-- CreateTable
CREATE TABLE "ReportFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "oneTime" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "ReportFile_expiresAt_idx" ON "ReportFile"("expiresAt");

