// Files made in the page: a Blob handed to the browser's download, never sent
// anywhere. And the PNG of an SVG, drawn on a canvas the page makes for it.

/** Offers `data` as a download named `name`. */
export function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; keep it a moment for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Rasterizes an SVG document at `scale` times its size. It goes through an
 * <img> from a blob: URL (CSP allows blob: images), where an SVG runs no script.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    // The SVG is `width="100%"` with a viewBox (it scales in a browser), so
    // its size comes from the viewBox rather than the image's default size.
    const box = /viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/.exec(svg);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round((box ? Number(box[1]) : img.naturalWidth) * scale));
    canvas.height = Math.max(1, Math.round((box ? Number(box[2]) : img.naturalHeight) * scale));
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A file name part from a profile's name: `heap_t2.pb.gz` -> `heap_t2`. */
export function stem(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/(\.pb)?(\.gz)?$|\.(txt|prof|pprof)$/i, '');
  return base.replace(/[^\w.-]+/g, '_') || 'profile';
}
