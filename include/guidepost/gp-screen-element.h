/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_SCREEN_ELEMENT (gp_screen_element_get_type ())

G_DECLARE_FINAL_TYPE (GpScreenElement, gp_screen_element, GP, SCREEN_ELEMENT, GObject)

/* One thing on a step's mock screen: a field, button, link, text, choice or image. */
const char    *gp_screen_element_get_id         (GpScreenElement *self);
GpElementType  gp_screen_element_get_element_type (GpScreenElement *self);
const char    *gp_screen_element_get_label      (GpScreenElement *self);
/* Returns: TRUE for a field whose content must never be stored or sent */
gboolean       gp_screen_element_get_secret     (GpScreenElement *self);
JsonObject    *gp_screen_element_get_extensions (GpScreenElement *self);

G_END_DECLS
