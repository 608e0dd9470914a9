-- AlterTable
ALTER TABLE "HelpRequest" ADD COLUMN     "claimedAt" TIMESTAMPTZ(3),
ADD COLUMN     "claimedById" TEXT;

