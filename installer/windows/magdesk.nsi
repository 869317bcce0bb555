; magdesk - Windows installer (NSIS 3, Modern UI 2).
;
; Per-user: installs into %LOCALAPPDATA%\Programs\magdesk without administrator
; rights, registers an uninstaller under HKCU, and adds Start-menu and desktop
; shortcuts.  Uninstalling removes the program only: the clerk's data
; (%LOCALAPPDATA%\magdesk) and settings (%APPDATA%\magdesk) stay.
;
; Build on Windows after PyInstaller (installer/README.md, "Windows"):
;   makensis installer\windows\magdesk.nsi
; Paths are relative to this file (makensis changes into its folder).
;   /DPAYLOAD=<folder>   the one-folder bundle (default ..\..\dist\magdesk)
;   /DOUTFILE=<file>     the setup program (default ..\..\dist\magdesk-<version>-setup.exe)
;   /DVERSION=<x.y.z>    default: __version__ from magdesk\__init__.py
;   /DCOMPRESSOR=<name>  default: /SOLID lzma

Unicode true
!ifdef COMPRESSOR  ; e.g. zlib for a quick check of the file list (check-nsis.sh)
  SetCompressor ${COMPRESSOR}
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel user
ManifestDPIAware true

!ifndef VERSION
  !searchparse /file "..\..\magdesk\__init__.py" `__version__ = "` VERSION `"`
!endif
!searchparse /noerrors "${VERSION}" "" VMAJOR "." VMINOR "." VPATCH
!ifndef VIVERSION
  !define VIVERSION "${VMAJOR}.${VMINOR}.${VPATCH}.0"
!endif
!ifndef PAYLOAD
  !define PAYLOAD "..\..\dist\magdesk"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\..\dist\magdesk-${VERSION}-setup.exe"
!endif

!define APP "magdesk"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\magdesk"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VIVERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} ${VERSION} setup"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT licence"

!include "MUI2.nsh"

!define MUI_ICON "magdesk.ico"
!define MUI_UNICON "magdesk.ico"
!define MUI_ABORTWARNING
!define MUI_LANGDLL_REGISTRY_ROOT HKCU
!define MUI_LANGDLL_REGISTRY_KEY "Software\${APP}\installer"
!define MUI_LANGDLL_REGISTRY_VALUENAME "InstallerLanguage"
!define MUI_FINISHPAGE_RUN "$INSTDIR\magdesk.exe"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(KeepData)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; the first language is the default when Windows' own is neither
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_RESERVEFILE_LANGDLL

LangString AppName ${LANG_SIMPCHINESE} "稀土产品流向申报 magdesk"
LangString AppName ${LANG_ENGLISH} "magdesk"
LangString SecProgram ${LANG_SIMPCHINESE} "程序文件"
LangString SecProgram ${LANG_ENGLISH} "Program files"
LangString SecDesktop ${LANG_SIMPCHINESE} "桌面快捷方式"
LangString SecDesktop ${LANG_ENGLISH} "Desktop shortcut"
LangString DemoName ${LANG_SIMPCHINESE} "magdesk 演示企业"
LangString DemoName ${LANG_ENGLISH} "magdesk demo producer"
LangString KeepData ${LANG_SIMPCHINESE} "将卸载 magdesk 程序。您的数据（$LOCALAPPDATA\magdesk）和设置（$APPDATA\magdesk）会保留。"
LangString KeepData ${LANG_ENGLISH} "magdesk will be uninstalled. Your data ($LOCALAPPDATA\magdesk) and settings ($APPDATA\magdesk) are kept."

Section "!$(SecProgram)" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; an older version's libraries must not linger next to the new ones
  RMDir /r "$INSTDIR\_internal"
  File /r "${PAYLOAD}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP}"
  CreateShortCut "$SMPROGRAMS\${APP}\$(AppName).lnk" "$INSTDIR\magdesk.exe" "" "$INSTDIR\magdesk.exe" 0
  CreateShortCut "$SMPROGRAMS\${APP}\$(DemoName).lnk" "$INSTDIR\magdesk.exe" "--demo" "$INSTDIR\magdesk.exe" 0

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "$(AppName)"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "magdesk"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\magdesk.exe,0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  SectionGetSize ${SecMain} $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

Section "$(SecDesktop)" SecDesktopShortcut
  SetShellVarContext current
  CreateShortCut "$DESKTOP\$(AppName).lnk" "$INSTDIR\magdesk.exe" "" "$INSTDIR\magdesk.exe" 0
SectionEnd

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Function un.onInit
  !insertmacro MUI_UNGETLANGUAGE
FunctionEnd

; Only what the installer put there: never a recursive delete of $INSTDIR (the
; user may have chosen a folder that holds other files) and never the data folders.
Section "Uninstall"
  SetShellVarContext current
  Delete "$INSTDIR\magdesk.exe"
  Delete "$INSTDIR\magdesk-cli.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP}\*.lnk"
  RMDir "$SMPROGRAMS\${APP}"
  ; the shortcut is named in the language chosen at install time
  Delete "$DESKTOP\稀土产品流向申报 magdesk.lnk"
  Delete "$DESKTOP\magdesk.lnk"

  DeleteRegKey HKCU "${UNINST_KEY}"
  ; the installer's language choice only: HKCU\Software\magdesk\magdesk holds
  ; the program's own settings (window, recent files) and stays
  DeleteRegKey HKCU "Software\${APP}\installer"
SectionEnd
