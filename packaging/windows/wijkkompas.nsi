; Wijkkompas - per-user Windows installer (NSIS 3, Unicode).
;
; Installs the PyInstaller folder (dist\Wijkkompas) into the user's own profile, so no admin
; rights are needed: %LOCALAPPDATA%\Programs\Wijkkompas, Start-menu shortcuts, a .wkp file
; association and an uninstaller, all under HKCU. No network access at any point.
; The user's data (%LOCALAPPDATA%\Wijkkompas: projects' pseudonym keys, autosaves, logs) is a
; different folder and is never touched by install or uninstall.
;
; Build (packaging/windows/build_installer.py does this):
;   makensis /DAPP_DIR=<dist\Wijkkompas> /DVERSION=0.1.0 /DOUTFILE=<...\Wijkkompas-0.1.0-setup.exe> wijkkompas.nsi

Unicode true
ManifestDPIAware true
RequestExecutionLevel user          ; per-user: never ask for admin rights
SetCompressor /SOLID lzma

!ifndef APP_DIR
  !error "Geef de map van het bevroren programma mee: /DAPP_DIR=...\dist\Wijkkompas"
!endif
!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "Wijkkompas-${VERSION}-setup.exe"
!endif
!ifndef ICON
  !define ICON "${__FILEDIR__}\..\icons\wijkkompas.ico"
!endif

!define APP_NAME "Wijkkompas"
!define APP_EXE "Wijkkompas.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Wijkkompas"
!define PROGID "Wijkkompas.Project"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "Software\${APP_NAME}" "InstallDir"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1043 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1043 "FileDescription" "Installatie van ${APP_NAME}"
VIAddVersionKey /LANG=1043 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1043 "LegalCopyright" "EUPL-1.2"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Met dit programma installeert u ${APP_NAME} ${VERSION} in uw eigen gebruikersmap. \
Daarvoor zijn geen beheerdersrechten en geen internetverbinding nodig.$\r$\n$\r$\n\
Uw projecten, instellingen en de sleutels voor pseudoniemen staan in een aparte map en blijven bij een \
nieuwe installatie of bij verwijderen bewaard."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "${APP_NAME} nu starten"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Dutch"

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Wijkkompas" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An update replaces the program folder completely: stale modules of an older version
  ; next to new ones are a classic source of odd errors in frozen builds.
  IfFileExists "$INSTDIR\${APP_EXE}" 0 +2
    RMDir /r "$INSTDIR\_internal"
  File /r "${APP_DIR}\*.*"
  WriteUninstaller "$INSTDIR\Verwijderen.exe"
  WriteRegStr HKCU "Software\${APP_NAME}" "InstallDir" "$INSTDIR"

  ; Start menu (the user's own: SetShellVarContext current)
  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} (demo).lnk" "$INSTDIR\${APP_EXE}" "--demo" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME} verwijderen.lnk" "$INSTDIR\Verwijderen.exe"

  ; Double-clicking a .wkp project opens it (per-user file association, HKCU\Software\Classes)
  WriteRegStr HKCU "Software\Classes\.wkp" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "Wijkkompas-project"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" --project "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Apps & features entry (per-user)
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Verwijderen.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Verwijderen.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Uninstall"
  ; Only remove a folder that really is a Wijkkompas installation.
  IfFileExists "$INSTDIR\${APP_EXE}" +3 0
    MessageBox MB_ICONSTOP "In $INSTDIR staat geen Wijkkompas; er is niets verwijderd."
    Abort
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME} (demo).lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME} verwijderen.lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\wijkkompas-cli.exe"
  Delete "$INSTDIR\Verwijderen.exe"
  RMDir "$INSTDIR"
  ReadRegStr $0 HKCU "Software\Classes\.wkp" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\.wkp"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${APP_NAME}"
  ; %LOCALAPPDATA%\Wijkkompas (keys, autosaves, logs, settings) stays: without the keys,
  ; pseudonyms in saved projects can no longer be linked to new imports.
SectionEnd
