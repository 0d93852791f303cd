// The help module's service: builds the shared context once and hands each call to its use case.
import type { AuthUser } from "../auth/tokens.ts";
import { fileHelpRequest } from "./file-help-request.ts";
import type {
  TFileHelpRequest,
  THelpAction,
  THelpPhotoRef,
  THelpPhotoUploadRequest,
} from "./help.schemas.ts";
import type { HelpContext } from "./help-context.ts";
import { confirmHelpPhoto, helpPhotoUploadLink } from "./help-photo-upload.ts";
import { helpForOrder, myHelpRequests, storeHelpRequests } from "./help-queries.ts";
import { resolveHelpRequest } from "./resolve-help-request.ts";

export class HelpService {
  constructor(readonly ctx: HelpContext) {}

  file = (user: AuthUser, input: TFileHelpRequest) => fileHelpRequest(this.ctx, user, input);
  forOrder = (user: AuthUser, orderId: string) => helpForOrder(this.ctx, user, orderId);
  mine = (user: AuthUser) => myHelpRequests(this.ctx, user);
  /** `storeId` is the one `storeStaffProcedure` resolved for the caller. */
  forStore = (storeId: string) => storeHelpRequests(this.ctx, storeId);
  photoUploadLink = (user: AuthUser, input: THelpPhotoUploadRequest) =>
    helpPhotoUploadLink(this.ctx, user, input);
  confirmPhoto = (user: AuthUser, input: THelpPhotoRef) => confirmHelpPhoto(this.ctx, user, input);
  resolve = (user: AuthUser, input: { helpRequestId: string; action: THelpAction }) =>
    resolveHelpRequest(this.ctx, user, input);
}
