// A flow that cannot go on (an unknown node, a loop, a role that may not run it): a defect in flows/, not the member's.
export class FlowError extends Error {}
