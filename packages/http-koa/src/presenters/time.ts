/** Rails 3.2's JSON time: ISO-8601 UTC with seconds, no fraction ("2012-05-23T08:00:58Z"). */
export const isoTime = (date: Date): string => `${date.toISOString().slice(0, 19)}Z`
