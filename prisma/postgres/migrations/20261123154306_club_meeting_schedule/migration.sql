-- AlterTable
ALTER TABLE "Club" ADD COLUMN     "meetingPlace" TEXT,
ADD COLUMN     "meetingTime" TEXT;

