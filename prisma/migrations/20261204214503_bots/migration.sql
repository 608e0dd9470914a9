-- CreateTable
CREATE TABLE "Bot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "tokenSealed" TEXT NOT NULL,
    "tokenLast4" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "username" TEXT,
    "refusedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "BotArea" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "botId" TEXT NOT NULL,
    "provinceId" TEXT,
    "communeId" TEXT,
    CONSTRAINT "BotArea_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BotArea_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "BotArea_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "BotArea_botId_idx" ON "BotArea"("botId");

-- CreateIndex
CREATE INDEX "BotArea_provinceId_idx" ON "BotArea"("provinceId");

-- CreateIndex
CREATE INDEX "BotArea_communeId_idx" ON "BotArea"("communeId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_channel_idx" ON "OutboxMessage"("status", "channel");

