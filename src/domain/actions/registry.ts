// Every domain action a flow may call. A flow's `call:` is the action's export name, and each action
// lives in a file named after it (`markAttendance` in meetings/mark-attendance.ts).

import { answerRsvp } from "../broadcasts/answer-rsvp.ts";
import { broadcastAudiences } from "../broadcasts/broadcast-audiences.ts";
import { broadcastMeetings } from "../broadcasts/broadcast-meetings.ts";
import { broadcastTemplates } from "../broadcasts/broadcast-templates.ts";
import { cancelBroadcast } from "../broadcasts/cancel-broadcast.ts";
import { createBroadcast } from "../broadcasts/create-broadcast.ts";
import { followBroadcast } from "../broadcasts/follow-broadcast.ts";
import { previewBroadcast } from "../broadcasts/preview-broadcast.ts";
import { recentBroadcasts } from "../broadcasts/recent-broadcasts.ts";
import { consentDescribe } from "../consent/consent-describe.ts";
import { consentList } from "../consent/consent-list.ts";
import { consentRecord } from "../consent/consent-record.ts";
import { consentStatus } from "../consent/consent-status.ts";
import { answerReminder } from "../health/answer-reminder.ts";
import { changeReminder } from "../health/change-reminder.ts";
import { createReminder } from "../health/create-reminder.ts";
import { lastReadings } from "../health/last-readings.ts";
import { listReminders } from "../health/list-reminders.ts";
import { recordBp } from "../health/record-bp.ts";
import { claimRequest } from "../help/claim-request.ts";
import { openRequests } from "../help/open-requests.ts";
import { requestPerson } from "../help/request-person.ts";
import { entryTargets } from "../loans/entry-targets.ts";
import { findMember } from "../loans/find-member.ts";
import { findUndoable } from "../loans/find-undoable.ts";
import { fundSummary } from "../loans/fund-summary.ts";
import { myLoans } from "../loans/my-loans.ts";
import { previewPayment } from "../loans/preview-payment.ts";
import { recordPayment } from "../loans/record-payment.ts";
import { undoEntry } from "../loans/undo-entry.ts";
import { checkIn } from "../meetings/check-in.ts";
import { checkInByCode } from "../meetings/check-in-by-code.ts";
import { checkMeetingTime } from "../meetings/check-meeting-time.ts";
import { createMeeting } from "../meetings/create-meeting.ts";
import { helperMeeting } from "../meetings/helper-meeting.ts";
import { lastPlace } from "../meetings/last-place.ts";
import { markAttendance } from "../meetings/mark-attendance.ts";
import { meetingSummary } from "../meetings/meeting-summary.ts";
import { meetingToRecord } from "../meetings/meeting-to-record.ts";
import { openForMember } from "../meetings/open-for-member.ts";
import { proxyTargets } from "../meetings/proxy-targets.ts";
import { recordActivities } from "../meetings/record-activities.ts";
import { rollNext } from "../meetings/roll-next.ts";
import { searchMembers } from "../meetings/search-members.ts";
import { setRule } from "../meetings/set-rule.ts";
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
import { cancelVisit } from "../visits/cancel-visit.ts";
import { claimVisit } from "../visits/claim-visit.ts";
import { claimedVisit } from "../visits/claimed-visit.ts";
import { myClaims } from "../visits/my-claims.ts";
import { myVisits } from "../visits/my-visits.ts";
import { openVisits } from "../visits/open-visits.ts";
import { releaseVisit } from "../visits/release-visit.ts";
import { reportVisit } from "../visits/report-visit.ts";
import { requestVisit } from "../visits/request-visit.ts";
import { visitsOverview } from "../visits/visits-overview.ts";
import { webLink } from "../web-access/web-link.ts";
import type { Action } from "./action.ts";

// biome-ignore lint/suspicious/noExplicitAny: a registry of actions with different input/output types.
export const actions: Record<string, Action<any, unknown>> = {
  // broadcasts
  answerRsvp,
  broadcastAudiences,
  broadcastMeetings,
  broadcastTemplates,
  cancelBroadcast,
  createBroadcast,
  followBroadcast,
  previewBroadcast,
  recentBroadcasts,

  // consent
  consentDescribe,
  consentList,
  consentRecord,
  consentStatus,

  // health
  answerReminder,
  changeReminder,
  createReminder,
  lastReadings,
  listReminders,
  recordBp,

  // help
  claimRequest,
  openRequests,
  requestPerson,

  // loans
  entryTargets,
  findMember,
  findUndoable,
  fundSummary,
  myLoans,
  previewPayment,
  recordPayment,
  undoEntry,

  // meetings
  checkIn,
  checkInByCode,
  checkMeetingTime,
  createMeeting,
  helperMeeting,
  lastPlace,
  markAttendance,
  meetingSummary,
  meetingToRecord,
  openForMember,
  proxyTargets,
  recordActivities,
  rollNext,
  searchMembers,
  setRule,

  // members
  addMember,
  checkBirthYear,
  linkByCode,
  linkByPhone,
  linkPicked,
  myData,
  proxyCode,
  requestDeletion,

  // reports
  requestReport,

  // settings
  addressForms,
  setAddressForm,
  setLanguage,

  // visits
  cancelVisit,
  claimVisit,
  claimedVisit,
  myClaims,
  myVisits,
  openVisits,
  releaseVisit,
  reportVisit,
  requestVisit,
  visitsOverview,

  // web-access
  webLink,
};
