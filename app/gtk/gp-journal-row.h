/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-journal-session.h>

G_BEGIN_DECLS

typedef enum {
  GP_JOURNAL_ROW_CONTINUE, /* an unfinished session: started, step reached; activates to resume */
  GP_JOURNAL_ROW_RECENT,   /* a finished session: started, outcome */
  GP_JOURNAL_ROW_RECORD,   /* the sessions view: mode, started, outcome, events */
} GpJournalRowKind;

#define GP_TYPE_JOURNAL_ROW (gp_journal_row_get_type ())

G_DECLARE_FINAL_TYPE (GpJournalRow, gp_journal_row, GP, JOURNAL_ROW, AdwActionRow)

/* One session of the journal.  @library gives the flow's title (its id when the flow is
 * gone); @step_title (nullable) is where an unfinished session stopped. */
GtkWidget        *gp_journal_row_new         (GpJournalSession *session,
                                              GpFlowLibrary    *library,
                                              GpJournalRowKind  kind,
                                              const char       *step_title);
GpJournalSession *gp_journal_row_get_session (GpJournalRow     *self);

/* Returns: (transfer full): @time_us (wall clock, µs) the way lists show it */
char             *gp_format_session_time     (gint64            time_us);
/* Returns: (transfer none): the outcome of @session in the user's words */
const char       *gp_describe_outcome        (GpJournalSession *session);
/* Returns: (transfer none): @mode ("assisted" ...) in the user's words */
const char       *gp_describe_mode           (const char       *mode);

G_END_DECLS
