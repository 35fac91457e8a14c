/** The channels `message.send` delivers itself: no plugin may provide one of these names. */
export const CORE_CHANNELS: readonly string[] = ['email', 'sms'];

/** The automation delivery kind of a message through a plugin's channel provider; its payload names the `channel`. */
export const PLUGIN_CHANNEL_KIND = 'channel' as const;
