// The RE2 engine (re2js), behind its own module so that it is loaded only when a user-written pattern is first met
// (core/linear-regexp.ts loads it with requireOwn).
export { RE2JS } from 're2js';
