-- AlterTable
ALTER TABLE "Club" ADD COLUMN "meetingPlace" TEXT;
ALTER TABLE "Club" ADD COLUMN "meetingTime" TEXT;

