// The menu's item and promo pictures (issue 22), wired for `ctx.services.menuImages`: the admins'
// upload (menu-image-upload.ts), their picker (menu-image-subjects.ts) and the promo banners of a menu
// (menu-promo-banners.ts). Item pictures reach customers inside the menu itself (build-menu.ts).
import type { Database, Kysely } from "@pizza/db";
import type { BlobStore } from "../../infra/blob-store.ts";
import type { RateLimiter } from "../../infra/rate-limiter.ts";
import type { AuthUser } from "../auth/tokens.ts";
import type { MenuService } from "./menu.service.ts";
import { imageSubjects } from "./menu-image-subjects.ts";
import {
  type MenuImageDeps,
  menuImageUploadLink,
  removeMenuImage,
  saveMenuImage,
} from "./menu-image-upload.ts";
import type { TImageSubject, TMenuImageSave, TMenuImageUploadRequest } from "./menu-images.schemas.ts";
import { promoBanners } from "./menu-promo-banners.ts";

export class MenuImagesService {
  private readonly deps: MenuImageDeps & { now: () => Date };

  constructor(deps: {
    db: Kysely<Database>;
    blobs: BlobStore;
    limiter: RateLimiter;
    menus: MenuService;
    now?: () => Date;
  }) {
    this.deps = { ...deps, now: deps.now ?? (() => new Date()) };
  }

  uploadLink(user: AuthUser, input: TMenuImageUploadRequest) {
    return menuImageUploadLink(this.deps, user, input);
  }

  save(user: AuthUser, input: TMenuImageSave) {
    return saveMenuImage(this.deps, user, input);
  }

  remove(subject: TImageSubject) {
    return removeMenuImage(this.deps, subject);
  }

  subjects() {
    return imageSubjects(this.deps.db);
  }

  promoBanners(input: { storeId: string; locale?: string | undefined }) {
    return promoBanners(this.deps, input);
  }
}
