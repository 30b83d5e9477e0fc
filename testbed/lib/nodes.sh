#!/usr/bin/env bash
# Prints N fake Node manifests (kwok-managed) as multi-document YAML.
#   bash testbed/lib/nodes.sh COUNT [FIRST_INDEX] [NAME_PREFIX]
# Capacity is realistic (8 CPU, 32Gi, 110 pods) so "too-large request" scenarios are meaningful;
# nodes are spread over three zones.
set -euo pipefail
n="${1:?usage: nodes.sh COUNT [FIRST_INDEX] [prefix]}"; first="${2:-0}"; prefix="${3:-kwok-node-}"
awk -v n="$n" -v first="$first" -v prefix="$prefix" 'BEGIN {
  split("a b c", zones, " ")
  for (i = first; i < first + n; i++) {
    name = prefix i; zone = "testbed-" zones[(i % 3) + 1]
    if (i > first) print "---"
    print "apiVersion: v1"
    print "kind: Node"
    print "metadata:"
    print "  name: " name
    print "  annotations:"
    print "    kwok.x-k8s.io/node: fake"
    print "    node.alpha.kubernetes.io/ttl: \"0\""
    print "  labels:"
    print "    type: kwok"
    print "    testbed.shipshape.dev/managed: \"true\""
    print "    kubernetes.io/arch: amd64"
    print "    kubernetes.io/os: linux"
    print "    kubernetes.io/hostname: " name
    print "    node.kubernetes.io/instance-type: testbed.large"
    print "    topology.kubernetes.io/zone: " zone
    print "    topology.kubernetes.io/region: testbed"
    print "spec: {}"
    print "status:"
    print "  addresses:"
    print "  - {type: InternalIP, address: 10.240." int(i / 250) "." (i % 250) + 1 "}"
    print "  - {type: Hostname, address: " name "}"
    print "  allocatable: {cpu: \"8\", memory: 32Gi, pods: \"110\", ephemeral-storage: 100Gi}"
    print "  capacity: {cpu: \"8\", memory: 32Gi, pods: \"110\", ephemeral-storage: 100Gi}"
    print "  nodeInfo:"
    print "    architecture: amd64"
    print "    operatingSystem: linux"
    print "    osImage: shipshape testbed (kwok)"
    print "    containerRuntimeVersion: kwok://0.8.0"
  }
}'
