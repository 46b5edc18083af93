// Downsample a time series for plotting: split the time span into buckets and keep each bucket's
// minimum and maximum (in time order). Peaks survive, so a single reading that breaks a limit is
// still drawn; 1,000,000 readings become a few thousand points per channel.

export interface Series {
  t: number[];
  v: number[];
}

// Downsample batches of (t, v) to at most 2 × buckets points; small series pass through whole.
export function downsampleMinMax(
  tBatches: number[][],
  vBatches: number[][],
  buckets: number,
): Series {
  let count = 0;
  let tMin = Number.POSITIVE_INFINITY;
  let tMax = Number.NEGATIVE_INFINITY;
  for (const t of tBatches) {
    count += t.length;
    for (const x of t) {
      if (x < tMin) tMin = x;
      if (x > tMax) tMax = x;
    }
  }
  if (count <= buckets * 2 || !(tMax > tMin)) return concatSorted(tBatches, vBatches);

  const minV = new Float64Array(buckets).fill(Number.POSITIVE_INFINITY);
  const maxV = new Float64Array(buckets).fill(Number.NEGATIVE_INFINITY);
  const minT = new Float64Array(buckets);
  const maxT = new Float64Array(buckets);
  const scale = buckets / (tMax - tMin);
  tBatches.forEach((t, b) => {
    const v = vBatches[b] ?? [];
    for (let i = 0; i < t.length; i++) {
      const x = t[i] as number;
      const y = v[i] as number;
      if (!Number.isFinite(y)) continue;
      const k = Math.min(buckets - 1, Math.floor((x - tMin) * scale));
      if (y < (minV[k] as number)) {
        minV[k] = y;
        minT[k] = x;
      }
      if (y > (maxV[k] as number)) {
        maxV[k] = y;
        maxT[k] = x;
      }
    }
  });
  const out: Series = { t: [], v: [] };
  for (let k = 0; k < buckets; k++) {
    const lo = minV[k] as number;
    if (lo === Number.POSITIVE_INFINITY) continue;
    const hi = maxV[k] as number;
    const tl = minT[k] as number;
    const th = maxT[k] as number;
    if (tl === th) {
      out.t.push(tl);
      out.v.push(lo);
    } else if (tl < th) {
      out.t.push(tl, th);
      out.v.push(lo, hi);
    } else {
      out.t.push(th, tl);
      out.v.push(hi, lo);
    }
  }
  return out;
}

function concatSorted(tBatches: number[][], vBatches: number[][]): Series {
  const pairs: [number, number][] = [];
  tBatches.forEach((t, b) => {
    const v = vBatches[b] ?? [];
    for (let i = 0; i < t.length; i++) pairs.push([t[i] as number, v[i] as number]);
  });
  pairs.sort((a, b) => a[0] - b[0]);
  return { t: pairs.map((p) => p[0]), v: pairs.map((p) => p[1]) };
}
