/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-types.h>

G_BEGIN_DECLS

#define GP_TYPE_FLOW_ROW (gp_flow_row_get_type ())

G_DECLARE_FINAL_TYPE (GpFlowRow, gp_flow_row, GP, FLOW_ROW, AdwActionRow)

/* One flow in the library list: title, service, estimated time and language. */
GtkWidget *gp_flow_row_new      (GpFlow    *flow);
GpFlow    *gp_flow_row_get_flow (GpFlowRow *self);

G_END_DECLS
