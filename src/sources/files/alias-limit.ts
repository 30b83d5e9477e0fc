// The careful reader's limit on alias expansion (the yaml package's maxAliasCount), counted over the fast
// reader's event stream, so that an alias bomb is refused on both paths and everything else is read in one pass.
// The yaml package, per anchored node: `count` starts at 1 and grows by one per alias resolved to it; at its first
// alias it fixes `aliasCount`, the most that any node inside it stands for (a scalar 1, an alias its anchor's
// count × aliasCount at that moment, an empty collection 0); the document is refused once count × aliasCount
// exceeds the limit. Decision 0045.

/** Alias expansions allowed per anchor (count × aliasCount), as the careful reader's toJS is given. */
export const MAX_ALIAS_COUNT = 1000;

interface Anchor {
  count: number;
  /** 0 until its first alias (and for an empty collection, which stands for nothing). */
  aliasCount: number;
  /** Its node has not ended: an alias to it would be recursive. */
  open: boolean;
  /** A scalar somewhere inside it (a key counts). */
  hasScalar: boolean;
  /** Anchors that aliases inside it resolved to. */
  inner: Set<Anchor>;
}

/** Counts one document's anchors and aliases, from its first anchor on; `alias` answers false for a refusal. */
export class AliasLimit {
  private readonly anchors = new Map<string, Anchor>();
  /** Anchored collections not yet ended, innermost last. */
  private readonly openAnchors: Anchor[] = [];

  /** An anchored mapping or sequence starts. */
  open(name: string): void {
    const anchor = newAnchor(true);
    this.anchors.set(name, anchor);
    this.openAnchors.push(anchor);
  }

  /** The innermost anchored collection ends: what it holds is also inside the anchors around it. */
  close(): void {
    const anchor = this.openAnchors.pop();
    if (!anchor) return;
    anchor.open = false;
    const outer = this.openAnchors.at(-1);
    if (!outer) return;
    if (anchor.hasScalar) outer.hasScalar = true;
    for (const inner of anchor.inner) outer.inner.add(inner);
  }

  /** A scalar, anchored or not. */
  scalar(anchorName: string | undefined): void {
    const outer = this.openAnchors.at(-1);
    if (outer) outer.hasScalar = true;
    if (anchorName === undefined) return;
    const anchor = newAnchor(false);
    anchor.hasScalar = true;
    this.anchors.set(anchorName, anchor);
  }

  /** An alias: false when it names no anchor, its own ancestor, or goes over the limit. */
  alias(name: string): boolean {
    const anchor = this.anchors.get(name);
    if (!anchor || anchor.open) return false;
    anchor.count++;
    if (anchor.aliasCount === 0) anchor.aliasCount = aliasCountOf(anchor);
    if (anchor.count * anchor.aliasCount > MAX_ALIAS_COUNT) return false;
    this.openAnchors.at(-1)?.inner.add(anchor);
    return true;
  }
}

function newAnchor(open: boolean): Anchor {
  return { count: 1, aliasCount: 0, open, hasScalar: false, inner: new Set() };
}

function aliasCountOf(anchor: Anchor): number {
  let most = anchor.hasScalar ? 1 : 0;
  for (const inner of anchor.inner) most = Math.max(most, inner.count * inner.aliasCount);
  return most;
}
