-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "memberId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT,
    "timeOfDay" TEXT NOT NULL,
    "days" TEXT NOT NULL,
    "nextAt" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "missesInRow" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderEvent" (
    "id" SERIAL NOT NULL,
    "reminderId" INTEGER NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "ReminderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthReading" (
    "id" SERIAL NOT NULL,
    "memberId" TEXT NOT NULL,
    "systolic" INTEGER NOT NULL,
    "diastolic" INTEGER NOT NULL,
    "recordedById" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HealthReading_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reminder_active_nextAt_idx" ON "Reminder"("active", "nextAt");

-- CreateIndex
CREATE INDEX "Reminder_memberId_idx" ON "Reminder"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderEvent_reminderId_dueAt_key" ON "ReminderEvent"("reminderId", "dueAt");

-- CreateIndex
CREATE INDEX "HealthReading_memberId_at_idx" ON "HealthReading"("memberId", "at");

