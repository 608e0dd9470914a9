-- DropIndex
DROP INDEX "Member_clubId_idx";

-- CreateTable
CREATE TABLE "Consent" (
    "id" SERIAL NOT NULL,
    "memberId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "given" BOOLEAN NOT NULL,
    "textVersion" INTEGER NOT NULL,
    "via" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProxyLink" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ProxyLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Consent_memberId_purpose_at_idx" ON "Consent"("memberId", "purpose", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ProxyLink_accountId_memberId_key" ON "ProxyLink"("accountId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_clubId_fullName_birthYear_key" ON "Member"("clubId", "fullName", "birthYear");

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProxyLink" ADD CONSTRAINT "ProxyLink_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ChannelAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProxyLink" ADD CONSTRAINT "ProxyLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

