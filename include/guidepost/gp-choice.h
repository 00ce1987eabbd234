/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_CHOICE (gp_choice_get_type ())

G_DECLARE_FINAL_TYPE (GpChoice, gp_choice, GP, CHOICE, GObject)

/* One answer to a question step, and the step it leads to. */
const char *gp_choice_get_label      (GpChoice *self);
const char *gp_choice_get_next_id    (GpChoice *self);
JsonObject *gp_choice_get_extensions (GpChoice *self);

G_END_DECLS
