-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "hardship" TEXT;

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "activities" TEXT,
ADD COLUMN     "bpChecks" INTEGER,
ADD COLUMN     "recordedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ReportFile" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "oneTime" BOOLEAN NOT NULL DEFAULT false,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportFile_expiresAt_idx" ON "ReportFile"("expiresAt");

