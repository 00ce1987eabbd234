/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <glib/gi18n.h>

#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-command-line.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GpApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* --validate and --list work without a display, so they run before GTK starts. */
  if (gp_command_line_handles (argc, argv))
    return gp_command_line_run (argc, argv);

  app = gp_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status;
}
