-- AlterTable
ALTER TABLE "HelpRequest" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "HelpRequest" ADD COLUMN "claimedById" TEXT;

