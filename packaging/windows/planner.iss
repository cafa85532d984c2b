; Inno Setup script of the Windows installer (built by packaging/build.py on Windows, which passes
; /DAppDir=<PyInstaller folder> /DIconDir=<rendered icons> /DOutDir=<dist> /DAppVersion=<version>).
; Installs per machine under Program Files, adds a Start menu entry and associates .issplan project files
; with the app (double-click opens them). Cannot be built on Linux.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "ISS Visit Planner"
#define AppExe "planner.exe"
#define ProjectExt ".issplan"
#define ProgId "ISSVisitPlanner.Project"
#define MimeType "application/x-iss-planner+json"

[Setup]
AppId={{6B0F5A3E-2D1C-4E8B-9C57-3F2A9D14B7E1}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=ISS Visit Planner team
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
OutputDir={#OutDir}
OutputBaseFilename=iss-planner-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern
; The association is written to the registry: Explorer must be told to refresh its icons.
ChangesAssociations=yes
UninstallDisplayIcon={app}\{#AppExe}

[Files]
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Registry]
; .issplan -> ProgId -> "planner.exe" "%1"
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}"; ValueType: string; ValueName: "Content Type"; ValueData: "{#MimeType}"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProjectExt}\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} project"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: "{#ProjectExt}"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
