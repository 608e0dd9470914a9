-- AlterTable
ALTER TABLE "VisitRequest" ADD COLUMN     "escalatedAt" TIMESTAMPTZ(3);

