/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <guidepost/gp-types.h>
#include <guidepost/gp-journal.h>
#include <guidepost/gp-session.h>

G_BEGIN_DECLS

/* Self-service → agent (D4): the customer's session gives a short code; the agent who
 * opens it (same journal, or an exported session file) sees everything done so far and
 * continues in assisted mode. */

#define GP_HANDOFF_ERROR (gp_handoff_error_quark ())

typedef enum {
  GP_HANDOFF_ERROR_INVALID_CODE,      /* not 8 characters of the code alphabet */
  GP_HANDOFF_ERROR_UNKNOWN_CODE,      /* no hand-off with this code in the journal */
  GP_HANDOFF_ERROR_NOT_IN_JOURNAL,    /* the session's events do not go to this journal */
  GP_HANDOFF_ERROR_FLOW_UNAVAILABLE,  /* the session's flow (id and version) is not in the library */
  GP_HANDOFF_ERROR_ALREADY_HANDED_OFF,/* the session already continues in assisted mode */
  GP_HANDOFF_ERROR_NOT_REQUESTED,     /* an exported session that never asked for a hand-off */
  GP_HANDOFF_ERROR_INVALID_FILE,      /* an exported session file that is not valid */
} GpHandoffError;

GQuark      gp_handoff_error_quark    (void);

/* The alphabet of codes: no 0/O, 1/I/L look-alikes. */
#define GP_HANDOFF_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/* Returns: TRUE for a code as gp_handoff_request() writes it: "XXXX-XXXX" */
gboolean    gp_handoff_code_is_valid  (const char *code);
/* Accepts what a person types: any case, spaces and hyphens anywhere.
 * Returns: (transfer full) (nullable): the code as "XXXX-XXXX", NULL when it is not one */
char       *gp_handoff_code_normalize (const char *text);

/* Records `handoff-requested` in a self-service session whose sink is @journal and
 * stores the code in @journal.  The code comes from the system's cryptographic source.
 * Returns: (transfer full) (nullable): the code, "XXXX-XXXX" */
char       *gp_handoff_request        (GpSession      *session,
                                       GpJournal      *journal,
                                       GError        **error);
/* Finds the session of @code in @journal, replays it with its flow from @library,
 * records `handed-off` and returns it in assisted mode, its sink @journal.
 * Returns: (transfer full) (nullable) */
GpSession  *gp_handoff_open           (GpJournal      *journal,
                                       GpFlowLibrary  *library,
                                       const char     *code,
                                       GError        **error);
/* The same from a file written by gp_session_export_one(): checked strictly, copied
 * into @journal, then handed off with the code it last requested.
 * Returns: (transfer full) (nullable) */
GpSession  *gp_handoff_open_file      (GFile          *exported_session_file,
                                       GpFlowLibrary  *library,
                                       GpJournal      *journal,
                                       GError        **error);

G_END_DECLS
