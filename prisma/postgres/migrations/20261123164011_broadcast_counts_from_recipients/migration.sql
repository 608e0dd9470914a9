-- AlterTable
ALTER TABLE "Broadcast" DROP COLUMN "noChat",
DROP COLUMN "total";

