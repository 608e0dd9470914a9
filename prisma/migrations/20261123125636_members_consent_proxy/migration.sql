-- DropIndex
DROP INDEX "Member_clubId_idx";

-- CreateTable
CREATE TABLE "Consent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "given" BOOLEAN NOT NULL,
    "textVersion" INTEGER NOT NULL,
    "via" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Consent_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProxyLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "accountId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "ProxyLink_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "ChannelAccount" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ProxyLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Consent_memberId_purpose_at_idx" ON "Consent"("memberId", "purpose", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ProxyLink_accountId_memberId_key" ON "ProxyLink"("accountId", "memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_clubId_fullName_birthYear_key" ON "Member"("clubId", "fullName", "birthYear");

