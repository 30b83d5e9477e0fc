import { testCheck } from '../../../test/support/check-tester.ts';
import { deployment, sized } from '../../../test/support/rightsize-fixtures.ts';
import { rightsizeInsufficientHistory } from './rightsize-insufficient-history.ts';

testCheck(rightsizeInsufficientHistory, {
  valid: [
    {
      name: 'a day of data',
      yaml: deployment('{}'),
      prepare: sized([{ container: 'api', pods: [{ hours: 24, cpu: () => 0.1 }], current: {} }]),
    },
    { name: 'nothing recommended at all (no Prometheus data)', yaml: deployment('{}') },
  ],
  invalid: [
    {
      name: 'two hours',
      yaml: deployment('{}'),
      prepare: sized([{ container: 'api', pods: [{ hours: 2, cpu: () => 0.1 }], current: {} }]),
      findings: [
        {
          message: 'container "api" has 2.0 hour(s) of usage history: too little to size it',
          severity: 'info',
        },
      ],
    },
  ],
});
