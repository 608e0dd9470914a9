// Every domain action a flow may call, by the name flows use.

import * as broadcasts from "../broadcasts/actions.ts";
import { consentDescribe } from "../consent/consent-describe.ts";
import { consentList } from "../consent/consent-list.ts";
import { consentRecord } from "../consent/consent-record.ts";
import { consentStatus } from "../consent/consent-status.ts";
import * as health from "../health/actions.ts";
import { claimRequest, openRequests } from "../help/claim-request.ts";
import { requestPerson } from "../help/request-person.ts";
import * as loans from "../loans/actions.ts";
import * as meetings from "../meetings/actions.ts";
import { meetingToRecord, recordActivities } from "../meetings/activities.ts";
import { setRule } from "../meetings/rule-actions.ts";
import { addMember } from "../members/add-member.ts";
import { checkBirthYear } from "../members/check-birth-year.ts";
import { linkByCode } from "../members/link-by-code.ts";
import { linkByPhone } from "../members/link-by-phone.ts";
import { linkPicked } from "../members/link-picked.ts";
import { myData } from "../members/my-data.ts";
import { proxyCode } from "../members/proxy-code.ts";
import { requestDeletion } from "../members/request-deletion.ts";
import { requestReport } from "../reports/request-report.ts";
import { addressForms } from "../settings/address-forms.ts";
import { setAddressForm } from "../settings/set-address-form.ts";
import { setLanguage } from "../settings/set-language.ts";
import * as visits from "../visits/actions.ts";
import { webLink } from "../web-access/web-link.ts";
import type { Action } from "./action.ts";

// biome-ignore lint/suspicious/noExplicitAny: a registry of actions with different input/output types.
export const actions: Record<string, Action<any, unknown>> = {
  "members.linkByCode": linkByCode,
  "members.linkByPhone": linkByPhone,
  "members.linkPicked": linkPicked,
  "settings.setLanguage": setLanguage,
  "help.requestPerson": requestPerson,
  "help.open": openRequests,
  "help.claim": claimRequest,
  "consent.status": consentStatus,
  "consent.record": consentRecord,
  "consent.list": consentList,
  "consent.describe": consentDescribe,
  "settings.addressForms": addressForms,
  "web.link": webLink,
  "settings.setAddressForm": setAddressForm,
  "members.myData": myData,
  "members.requestDeletion": requestDeletion,
  "members.add": addMember,
  "members.checkBirthYear": checkBirthYear,
  "members.proxyCode": proxyCode,
  "reports.request": requestReport,
  "meetings.openForMember": meetings.openForMember,
  "meetings.checkIn": meetings.checkIn,
  "meetings.checkInByCode": meetings.checkInByCode,
  "meetings.searchMembers": meetings.searchMembers,
  "meetings.helperMeeting": meetings.helperMeeting,
  "meetings.rollNext": meetings.rollNext,
  "meetings.mark": meetings.markAttendance,
  "meetings.proxyTargets": meetings.proxyTargets,
  "meetings.summary": meetings.meetingSummary,
  "meetings.lastPlace": meetings.lastPlace,
  "meetings.checkTime": meetings.checkMeetingTime,
  "meetings.create": meetings.createMeeting,
  "meetings.setRule": setRule,
  "meetings.toRecord": meetingToRecord,
  "meetings.recordActivities": recordActivities,
  "loans.mine": loans.myLoans,
  "loans.findMember": loans.findMember,
  "loans.targets": loans.entryTargets,
  "loans.preview": loans.previewPayment,
  "loans.record": loans.recordPayment,
  "loans.findUndoable": loans.findUndoable,
  "loans.undo": loans.undoEntry,
  "loans.summary": loans.fundSummary,
  "visits.request": visits.requestVisit,
  "visits.mine": visits.myVisits,
  "visits.cancel": visits.cancelVisit,
  "visits.open": visits.openVisits,
  "visits.claim": visits.claimVisit,
  "visits.myClaims": visits.myClaims,
  "visits.claimed": visits.claimedVisit,
  "visits.release": visits.releaseVisit,
  "visits.report": visits.reportVisit,
  "visits.overview": visits.visitsOverview,
  "health.createReminder": health.createReminder,
  "health.listReminders": health.listReminders,
  "health.changeReminder": health.changeReminder,
  "health.answerReminder": health.answerReminder,
  "health.recordBp": health.recordBp,
  "health.lastReadings": health.lastReadings,
  "broadcasts.templates": broadcasts.templates,
  "broadcasts.meetings": broadcasts.meetings,
  "broadcasts.audiences": broadcasts.audiences,
  "broadcasts.preview": broadcasts.preview,
  "broadcasts.create": broadcasts.create,
  "broadcasts.recent": broadcasts.recent,
  "broadcasts.status": broadcasts.status,
  "broadcasts.cancel": broadcasts.cancel,
  "broadcasts.rsvp": broadcasts.rsvp,
};
