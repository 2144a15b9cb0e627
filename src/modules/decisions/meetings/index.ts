/** What other modules use from meetings: the stage's outcome for closing a stage, and the demo seed's standard bodies. */
export { meetingOutcome, type MeetingOutcome } from './close-meeting.ts';
export { ensureStandardBodies, addBodyMember, BODY_KIND_LABELS } from './bodies.commands.ts';
export { holdDemoMeeting } from './demo-meeting.ts';
