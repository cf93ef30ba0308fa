/** The sizes Moodle keeps of a user picture (`process_new_icon`): f1 100×100, f2 35×35, f3 512×512 pixels. */
export const PICTURE_SIZES = { f1: 100, f2: 35, f3: 512 } as const;
export type PictureVariant = keyof typeof PICTURE_SIZES;
export const PICTURE_VARIANTS = Object.keys(PICTURE_SIZES) as readonly PictureVariant[];

/** One stored size of a picture. */
export interface PictureFile {
  readonly variant: PictureVariant;
  /** `image/png`, or `image/jpeg` for a picture made from a JPEG (as Moodle does). */
  readonly mimetype: string;
  readonly content: Uint8Array;
}

/** A user's new picture: every variant of PICTURE_SIZES, replacing the whole of the former picture. */
export interface UserPicture {
  readonly userId: number;
  readonly files: readonly PictureFile[];
}

/** A user's picture as the platform holds it. */
export interface PlatformUserPicture {
  readonly userId: number;
  /** Unix seconds of the last change. */
  readonly timemodified: number;
  /** The variants held, in PICTURE_VARIANTS order; contents only when asked for (`withContent`). */
  readonly files: readonly { readonly variant: PictureVariant; readonly mimetype: string; readonly content?: Uint8Array }[];
}

/** Which pictures to read: presence only (a run checking "already has a picture"), or the bytes of one variant. */
export interface FindUserPictures {
  readonly userIds: readonly number[];
  /** The variant whose bytes to return; absent: no bytes at all. */
  readonly withContent?: PictureVariant;
}

/** What a picture write did: `replaced` when the user had a picture before. */
export interface PictureSet {
  readonly replaced: boolean;
}

/** A user of an MNet host, as `hostedusername` names one (`jdoe@1`). */
export interface HostedUsername {
  readonly username: string;
  readonly mnethostid: number;
}
