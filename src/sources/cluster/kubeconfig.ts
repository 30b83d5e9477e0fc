// The one part of @kubernetes/client-node shipshape uses. Imported on demand through this module (never straight
// from the library with `await import`), so the package's bundler keeps KubeConfig and what it needs, not every
// generated API class of the library (≈ 15 MB; docs/decisions/0042-npm-package.md).
export { KubeConfig } from '@kubernetes/client-node';
