/**
 * A lesson's video link as the URL a player frame can show: YouTube (watch, youtu.be, shorts, live, embed links;
 * a start time `t=` / `start=` kept) and Vimeo (vimeo.com/<id>, player links; an unlisted video's hash kept). Any
 * other link: null, and the portal shows it as a plain link.
 */
const YT_ID = /^[A-Za-z0-9_-]{11}$/;

function seconds(t: string | null): number | null {
  if (!t) return null;
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(t);
  if (!m || !t) return null;
  const s = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  return s > 0 ? s : null;
}

function youtube(u: URL): string | null {
  const host = u.hostname.replace(/^(www\.|m\.|music\.)/, '');
  let id: string | null = null;
  if (host === 'youtu.be') id = u.pathname.split('/')[1] ?? null;
  else if (host === 'youtube.com' || host === 'youtube-nocookie.com') {
    const parts = u.pathname.split('/').filter(Boolean);
    if (parts[0] === 'watch') id = u.searchParams.get('v');
    else if (['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')) id = parts[1] ?? null;
  } else return null;
  if (!id || !YT_ID.test(id)) return null;
  const start = seconds(u.searchParams.get('t') ?? u.searchParams.get('start'));
  return `https://www.youtube.com/embed/${id}${start ? `?start=${start}` : ''}`;
}

function vimeo(u: URL): string | null {
  const host = u.hostname.replace(/^www\./, '');
  const parts = u.pathname.split('/').filter(Boolean);
  let id: string | undefined;
  let hash: string | undefined;
  if (host === 'vimeo.com') {
    const i = parts.findIndex((p) => /^\d+$/.test(p));
    if (i < 0) return null;
    id = parts[i];
    if (parts[i + 1] && /^[0-9a-f]{6,}$/i.test(parts[i + 1])) hash = parts[i + 1];
  } else if (host === 'player.vimeo.com' && parts[0] === 'video' && /^\d+$/.test(parts[1] ?? '')) {
    id = parts[1];
    hash = u.searchParams.get('h') ?? undefined;
  } else return null;
  return `https://player.vimeo.com/video/${id}${hash ? `?h=${encodeURIComponent(hash)}` : ''}`;
}

export function embedUrlOf(videoUrl: string | null | undefined): string | null {
  if (!videoUrl) return null;
  let u: URL;
  try {
    u = new URL(videoUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return youtube(u) ?? vimeo(u);
}
