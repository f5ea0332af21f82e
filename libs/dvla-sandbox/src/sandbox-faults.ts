/** Answers to give instead of the normal ones, to rehearse DVLA failing. */
export interface FaultPlan {
  /** HTTP status to answer with, e.g. 503. */
  status: number;
  /** How many requests get it; omitted: every request until cleared (an outage). */
  count?: number;
  /** Retry-After header to send with it, as seconds or an HTTP date. */
  retryAfter?: string;
}

/** Injected faults, applied in order, each to its number of requests. */
export class SandboxFaults {
  private readonly plans: FaultPlan[] = [];

  add(plan: FaultPlan): void {
    if (!Number.isInteger(plan.status) || plan.status < 100 || plan.status > 599) {
      throw new RangeError(`status: ${JSON.stringify(plan.status)} is not an HTTP status`);
    }
    if (plan.count !== undefined && !(Number.isInteger(plan.count) && plan.count > 0)) {
      throw new RangeError(`count: ${JSON.stringify(plan.count)} is not a positive whole number`);
    }
    this.plans.push({ ...plan });
  }

  /** The fault for the next request, if any, counting it off. */
  take(): FaultPlan | undefined {
    const plan = this.plans[0];
    if (plan === undefined) return undefined;
    if (plan.count !== undefined) {
      plan.count -= 1;
      if (plan.count === 0) this.plans.shift();
    }
    return plan;
  }

  clear(): void {
    this.plans.length = 0;
  }
}
