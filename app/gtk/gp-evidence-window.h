/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-journal.h>
#include <guidepost/gp-evidence.h>

G_BEGIN_DECLS

#define GP_TYPE_EVIDENCE_WINDOW (gp_evidence_window_get_type ())

G_DECLARE_FINAL_TYPE (GpEvidenceWindow, gp_evidence_window, GP, EVIDENCE_WINDOW, AdwWindow)

/* The unit D4 evidence record of the journal's finished sessions: the trainer writes a
 * witness statement and saves the report as HTML or JSON. */
GtkWidget *gp_evidence_window_new          (GpJournal        *journal);
void       gp_evidence_window_set_witness  (GpEvidenceWindow *self,
                                            const char       *statement);
/* Returns: (transfer full) (nullable): the statement as typed, NULL when empty */
char      *gp_evidence_window_get_witness  (GpEvidenceWindow *self);
/* What Save does once a file is chosen: writes the report; a toast, or an error dialog
 * naming the file. */
gboolean   gp_evidence_window_save_to      (GpEvidenceWindow *self,
                                            GFile            *file,
                                            GpEvidenceFormat  format,
                                            GError          **error);

G_END_DECLS
