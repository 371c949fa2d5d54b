/** Rails' length message, as GitLab's validations word it. */
export const tooLong = (maximum: number): string => `is too long (maximum is ${maximum} characters)`

/** Text columns of the era had no limit; later GitLab capped descriptions and notes at this many characters. */
export const MAX_TEXT_LENGTH = 1_000_000
