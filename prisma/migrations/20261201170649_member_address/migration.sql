-- AlterTable
ALTER TABLE "Member" ADD COLUMN "address" TEXT;
ALTER TABLE "Member" ADD COLUMN "hamlet" TEXT;

