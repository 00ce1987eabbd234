/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/guidepost.h>

G_BEGIN_DECLS

/* How urgent a complaint or an escalation is, chosen the same way in both dialogs.
 *
 * Returns: (transfer floating): a “Priority” combo row offering Low, Normal, High and
 * Urgent, with Normal selected */
GtkWidget  *gp_priority_row_new          (void);
GpPriority  gp_priority_row_get_priority (AdwComboRow *row);

G_END_DECLS
