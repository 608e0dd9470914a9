-- CreateTable
CREATE TABLE "Reminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT,
    "timeOfDay" TEXT NOT NULL,
    "days" TEXT NOT NULL,
    "nextAt" DATETIME,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "missesInRow" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ReminderEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reminderId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "answeredAt" DATETIME
);

-- CreateTable
CREATE TABLE "HealthReading" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "systolic" INTEGER NOT NULL,
    "diastolic" INTEGER NOT NULL,
    "recordedById" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Reminder_active_nextAt_idx" ON "Reminder"("active", "nextAt");

-- CreateIndex
CREATE INDEX "Reminder_memberId_idx" ON "Reminder"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderEvent_reminderId_dueAt_key" ON "ReminderEvent"("reminderId", "dueAt");

-- CreateIndex
CREATE INDEX "HealthReading_memberId_at_idx" ON "HealthReading"("memberId", "at");

