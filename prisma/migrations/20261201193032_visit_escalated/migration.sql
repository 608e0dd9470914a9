-- AlterTable
ALTER TABLE "VisitRequest" ADD COLUMN "escalatedAt" DATETIME;

