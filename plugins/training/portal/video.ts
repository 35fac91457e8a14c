/** Which lesson videos the player frames: only the players of YouTube and Vimeo the server derived (`embedUrl`). */
const EMBED = /^https:\/\/(?:www\.)?(?:youtube(?:-nocookie)?\.com\/embed\/|player\.vimeo\.com\/video\/)[\w-]+(?:[?#][^\s"'<>]*)?$/i;

export function embeddableVideo(embedUrl: string | null | undefined): string | null {
  return embedUrl && EMBED.test(embedUrl.trim()) ? embedUrl.trim() : null;
}

/** A direct link to a video file (mp4, webm, ogg) plays in the page; other links open in a new tab. */
export function videoFileUrl(videoUrl: string | null | undefined): string | null {
  const url = videoUrl?.trim();
  return url && /^https?:\/\/[^\s"'<>]+\.(?:mp4|webm|ogv|ogg)(?:[?#][^\s"'<>]*)?$/i.test(url) ? url : null;
}
