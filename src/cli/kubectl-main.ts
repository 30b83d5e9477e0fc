#!/usr/bin/env node
// `kubectl shipshape …`: kubectl runs kubectl-shipshape found on PATH as the plugin (bin/kubectl-shipshape in
// the checkout, this file in the package); help and usage then name the command as users typed it.
process.env.SHIPSHAPE_AS_KUBECTL_PLUGIN = '1';
await import('./main.ts');
