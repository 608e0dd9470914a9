-- CreateTable
CREATE TABLE "Bot" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "tokenSealed" TEXT NOT NULL,
    "tokenLast4" TEXT NOT NULL,
    "secretSealed" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "username" TEXT,
    "refusedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Bot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotArea" (
    "id" TEXT NOT NULL,
    "botId" TEXT NOT NULL,
    "provinceId" TEXT,
    "communeId" TEXT,

    CONSTRAINT "BotArea_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BotArea_botId_idx" ON "BotArea"("botId");

-- CreateIndex
CREATE INDEX "BotArea_provinceId_idx" ON "BotArea"("provinceId");

-- CreateIndex
CREATE INDEX "BotArea_communeId_idx" ON "BotArea"("communeId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_channel_idx" ON "OutboxMessage"("status", "channel");

-- AddForeignKey
ALTER TABLE "BotArea" ADD CONSTRAINT "BotArea_botId_fkey" FOREIGN KEY ("botId") REFERENCES "Bot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotArea" ADD CONSTRAINT "BotArea_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "Province"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BotArea" ADD CONSTRAINT "BotArea_communeId_fkey" FOREIGN KEY ("communeId") REFERENCES "Commune"("id") ON DELETE SET NULL ON UPDATE CASCADE;

