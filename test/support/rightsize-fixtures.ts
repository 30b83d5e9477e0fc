// Synthetic container histories for the recommender's and the rightsize checks' unit tests.
import type { ContainerHistory, ContainerRole, PodSeries, Sample } from '../../src/rightsize/types.ts';

export const STEP = 300;
export const END = 1_700_006_400;
export const MiB = 2 ** 20;

export interface PodPlan {
  pod?: string;
  /** Hours of data ending at END. */
  hours: number;
  cpu: (t: number, i: number) => number;
  memory?: (t: number, i: number) => number;
  throttled?: (t: number, i: number) => number;
  starts?: number[];
  ooms?: { at: number; limit?: number }[];
}

export function history(
  pods: PodPlan[],
  options: { role?: ContainerRole; name?: string; container?: string; kind?: string } = {},
): ContainerHistory {
  return {
    key: {
      namespace: 'shop',
      kind: options.kind ?? 'Deployment',
      name: options.name ?? 'api',
      container: options.container ?? 'api',
    },
    role: options.role ?? 'app',
    step: STEP,
    window: { start: END - 14 * 86400, end: END },
    pods: pods.map((plan, p): PodSeries => {
      const cpu: Sample[] = [];
      const memory: Sample[] = [];
      const throttled: Sample[] = [];
      const n = Math.round((plan.hours * 3600) / STEP);
      for (let i = 0; i < n; i++) {
        const t = END - (n - 1 - i) * STEP;
        cpu.push([t, plan.cpu(t, i)]);
        memory.push([t, plan.memory?.(t, i) ?? 100 * MiB]);
        if (plan.throttled) throttled.push([t, plan.throttled(t, i)]);
      }
      return {
        pod: plan.pod ?? `api-${p}`,
        cpu,
        memory,
        throttled,
        starts: plan.starts ?? [END - 30 * 86400],
        ooms: plan.ooms ?? [],
      };
    }),
  };
}

import type { ObjectIndex } from '../../src/core/index.ts';
import { attachRecommendations } from '../../src/rightsize/attach.ts';
import { recommend } from '../../src/rightsize/recommend.ts';
import {
  type CurrentResources,
  DEFAULT_POLICY,
  type HpaTarget,
  type Policy,
} from '../../src/rightsize/types.ts';

/** A check-tester `prepare` that sizes the named containers from their plans, as the command would. */
export function sized(
  containers: {
    container: string;
    role?: ContainerRole;
    name?: string;
    pods: PodPlan[];
    current: CurrentResources;
    hpa?: HpaTarget;
  }[],
  policy: Policy = DEFAULT_POLICY,
): (index: ObjectIndex) => void {
  return (index) =>
    attachRecommendations(
      index,
      containers.map((c) =>
        recommend(
          history(c.pods, {
            container: c.container,
            name: c.name ?? 'api',
            ...(c.role ? { role: c.role } : {}),
          }),
          c.current,
          policy,
          c.hpa,
        ),
      ),
      policy,
    );
}

export const deployment = (resources: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    spec:
${extra}      containers:
        - name: api
          image: api:1
          resources: ${resources}
`;
