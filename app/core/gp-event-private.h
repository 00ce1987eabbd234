/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <guidepost/gp-event.h>
#include "gp-json-doc.h"

G_BEGIN_DECLS

/* As gp_event_new_from_json(), from a value of the strict parser's document (the same
 * checks and errors). */
GpEvent *gp_event_new_from_value (const GpJsonValue  *value,
                                  GError            **error);

G_END_DECLS
