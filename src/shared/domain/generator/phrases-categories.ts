/**
 * Phrase banks per category: enough variety that titles and descriptions read like
 * real service-desk traffic and full-text search has realistic, overlapping words.
 * `requests` marks categories that also receive catalogue-style service requests.
 */
export interface CategoryBank {
  name: string;
  queue: string;
  things: readonly string[];
  failures: readonly string[];
  triggers: readonly string[];
  errors: readonly string[];
  tried: readonly string[];
  fixes: readonly string[];
  requests?: readonly string[];
}

export const queueNames = [
  'Service Desk',
  'Network',
  'Identity & Access',
  'End-user Computing',
  'Email & Collaboration',
  'Telephony',
  'Printing',
  'Servers & Storage',
  'Database',
  'Security Operations',
  'Business Applications',
  'CRM',
  'HR Systems',
  'Finance Systems',
  'Web & Portals',
  'Cloud Platform',
  'Backup & Recovery',
  'Facilities IT',
  'Mobile Devices',
  'Software Distribution',
] as const;

type Lists = Omit<CategoryBank, 'name' | 'queue'>;

/** Each list is written as one '|'-separated string to keep the bank compact and readable. */
const cat = (
  name: string,
  queue: (typeof queueNames)[number],
  b: { [K in keyof Lists]: string },
): CategoryBank => ({
  name,
  queue,
  ...(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.split('|')])) as unknown as Lists),
});

export const categoryBanks: readonly CategoryBank[] = [
  cat('VPN', 'Network', {
    things: 'the VPN|the GlobalProtect client|the remote access tunnel|my VPN connection',
    failures:
      'drops every few minutes|fails to connect|connects but no internal sites load|is extremely slow',
    triggers:
      'the client update|I changed my home router|the password change on Monday|this morning',
    errors:
      'Gateway not reachable (error 809)|Authentication failed: token expired|Tunnel closed by peer',
    tried: 'reinstalled the client|restarted the laptop twice|switched to my phone hotspot',
    fixes:
      'Reset the VPN profile and reinstalled client 6.2.1|Moved the user to the EU gateway pool|Cleared the stale certificate from the keychain',
  }),
  cat('Wi-Fi', 'Network', {
    things: 'the office Wi-Fi|the guest wireless|Wi-Fi on the third floor|the CORP-SECURE network',
    failures:
      'keeps disconnecting|shows no internet access|is not visible at all|asks for the password again and again',
    triggers:
      'the move to the new building|the access point replacement|yesterday afternoon|the laptop rebuild',
    errors:
      "Can't connect to this network|IP configuration failure|802.1X authentication timed out",
    tried:
      'forgot and re-added the network|toggled airplane mode|tried another laptop at the same desk',
    fixes:
      'Replaced the faulty access point AP-3F-07|Re-enrolled the device certificate for 802.1X|Updated the wireless driver to the current release',
  }),
  cat('LAN', 'Network', {
    things:
      'the network port at my desk|the wired connection|the docking station network|the floor switch',
    failures:
      'has no link light|drops packets constantly|gives a self-assigned IP address|is limited to 10 Mbit/s',
    triggers:
      'the cabling work last weekend|the desk move|the switch firmware upgrade|Monday morning',
    errors: 'Network cable unplugged|No valid IP configuration|Request timed out',
    tried: 'swapped the patch cable|used a different wall port|restarted the dock',
    fixes:
      'Re-patched the wall port to the correct VLAN|Replaced the failed switch port module|Reset the port security on the switch',
  }),
  cat('Password reset', 'Identity & Access', {
    things: 'my network password|my SAP password|the self-service password reset|my password',
    failures:
      'has expired and I cannot change it|is not accepted any more|does not send the reset code|fails the complexity check',
    triggers: 'my holiday|the reminder email|three wrong attempts|the policy change',
    errors:
      'The password does not meet the requirements|Your account has been locked|Reset code could not be delivered',
    tried: 'used the self-service portal|waited thirty minutes|asked a colleague to try',
    fixes:
      'Reset the password after verifying identity by callback|Fixed the phone number in the reset profile|Synced the password to the SAP system',
    requests:
      'a password reset for my SAP account|a temporary password for a new starter|a reset of my second-factor enrolment',
  }),
  cat('Account lockout', 'Identity & Access', {
    things: 'my account|the service account svc-reporting|my domain login|my laptop login',
    failures: 'locks every morning|is locked out|locks a few minutes after unlocking|is disabled',
    triggers:
      'the password change|coming back from parental leave|connecting my phone to email|the weekend',
    errors:
      'The referenced account is currently locked out|Account disabled by policy|Too many failed sign-in attempts',
    tried: 'waited for the automatic unlock|removed the saved credentials|restarted my phone',
    fixes:
      'Removed the stale credential from the mobile mail profile|Unlocked the account and reset the bad-password counter|Re-enabled the account after the manager confirmed',
  }),
  cat('Access request', 'Identity & Access', {
    things:
      'my access to the Finance share|the Jira project access|my membership of the Sales group|access to the HR folder',
    failures: 'was removed|does not work|shows access denied|is read-only instead of read-write',
    triggers: 'the team change|the reorganisation|the quarterly access review|my role change',
    errors:
      'Access is denied|You need permission to perform this action|User is not in the required group',
    tried: 'logged off and on again|asked my manager|checked with the data owner',
    fixes:
      'Added the user to the approved security group|Restored the group membership removed by the access review|Granted modify rights after owner approval',
    requests:
      'read-write access to the Finance shared drive|access to the Confluence space for Project Atlas|membership of the Sales-EMEA distribution list|a VPN entitlement for a contractor',
  }),
  cat('MFA', 'Identity & Access', {
    things: 'the authenticator app|my second-factor prompt|the hardware token|MFA on my new phone',
    failures: 'never arrives|rejects every code|asks me to sign in again constantly|is not set up',
    triggers:
      'I replaced my phone|the app update|travelling to another time zone|the tenant migration',
    errors: 'Invalid verification code|We could not send the notification|Request denied by policy',
    tried: 're-synced the time on my phone|reinstalled the authenticator|used SMS instead',
    fixes:
      'Reset the MFA registration and re-enrolled the new phone|Issued a replacement hardware token|Fixed the clock drift on the handset',
  }),
  cat('Laptop hardware', 'End-user Computing', {
    things: 'my laptop|the battery|the keyboard|the laptop screen',
    failures:
      'will not power on|drains within an hour|has several keys that stopped working|flickers and goes black',
    triggers: 'I dropped it|the BIOS update|the last trip|a coffee spill',
    errors: 'No bootable device|Battery needs service|Fan error 0x0002',
    tried:
      'held the power button for thirty seconds|used another charger|connected an external keyboard',
    fixes:
      'Replaced the battery under warranty|Swapped the keyboard assembly|Re-imaged the laptop and restored the user profile',
    requests:
      'a replacement charger|a new laptop for a starter on Monday|a docking station for my home office|a second monitor',
  }),
  cat('Desktop performance', 'End-user Computing', {
    things: 'my PC|the laptop|Windows|my virtual desktop',
    failures:
      'is very slow to start|freezes several times a day|runs at 100 % disk all the time|restarts without warning',
    triggers: 'the last Windows update|the antivirus upgrade|the new login script|last week',
    errors:
      'Your device ran into a problem and needs to restart|Application not responding|Low memory warning',
    tried: 'closed all programs|ran the disk cleanup|restarted twice',
    fixes:
      'Removed the duplicate antivirus agent|Replaced the failing SSD|Rolled back the faulty graphics driver',
  }),
  cat('Email delivery', 'Email & Collaboration', {
    things:
      'email to external customers|messages from our supplier|the shared mailbox|outgoing mail',
    failures: 'bounces back|arrives hours late|lands in junk|is not received at all',
    triggers: 'the domain change|the new spam filter rules|yesterday|the mailbox migration',
    errors:
      '550 5.7.1 Message rejected as spam|Delivery has failed to these recipients|Mailbox full',
    tried: 'sent from webmail too|checked the junk folder|asked the customer to whitelist us',
    fixes:
      'Fixed the SPF record for the sending domain|Released the quarantined messages and added an allow rule|Increased the mailbox quota',
  }),
  cat('Outlook', 'Email & Collaboration', {
    things: 'Outlook|the calendar|the offline address book|my mailbox',
    failures: 'crashes on start|does not sync|shows old meetings|keeps asking for my password',
    triggers: 'the Office update|my profile was recreated|the mailbox move|this week',
    errors: 'Cannot start Microsoft Outlook|Disconnected|The operation failed',
    tried: 'started in safe mode|repaired Office|created a new profile',
    fixes: 'Rebuilt the Outlook profile|Disabled the faulty add-in|Cleared the cached credentials',
  }),
  cat('Teams & meetings', 'Email & Collaboration', {
    things: 'Teams|video calls|screen sharing|my meeting audio',
    failures:
      'drops calls after a few minutes|freezes when I share|echoes for other participants|will not sign in',
    triggers: 'the Teams update|joining from home|the new headset|the tenant change',
    errors:
      "We couldn't connect the call|Something went wrong (caa20004)|Your network quality is poor",
    tried: 'cleared the Teams cache|used the browser version|switched to wired network',
    fixes:
      'Cleared the Teams cache and reinstalled the client|Applied the QoS policy for media traffic|Fixed the sign-in loop by resetting the token broker',
  }),
  cat('File shares', 'Servers & Storage', {
    things: 'the S: drive|the department share|mapped network drives|the project folder',
    failures:
      'is not mapped after login|is very slow to open files|shows files as locked|is missing folders',
    triggers:
      'the file server migration|the login script change|last night|the permissions cleanup',
    errors: 'The network path was not found|The file is in use by another user|Access is denied',
    tried: 'reconnected the drive|restarted|opened it from another PC',
    fixes:
      'Fixed the drive mapping in the group policy|Closed the orphaned file handles on the server|Restored the deleted folder from snapshot',
  }),
  cat('Telephony', 'Telephony', {
    things: 'my desk phone|the softphone|the call centre queue|voicemail',
    failures:
      'has no dial tone|cannot make outside calls|drops calls after thirty seconds|does not forward to mobile',
    triggers: 'the office move|the number porting|the PBX maintenance|this morning',
    errors: 'Registration failed|Number unobtainable|SIP 503 Service Unavailable',
    tried: 'unplugged the phone|logged out of the softphone|called from another extension',
    fixes:
      'Re-provisioned the handset on the PBX|Fixed the call forwarding rule|Corrected the outbound dial plan',
  }),
  cat('Printing', 'Printing', {
    things: 'the printer on floor 2|follow-me printing|the label printer|colour printing',
    failures:
      'prints blank pages|shows jobs stuck in the queue|is offline|will not release my jobs',
    triggers: 'the driver update|the toner change|the new badge readers|yesterday',
    errors: 'Printer offline|Error 49.4C02|Paper jam in tray 2',
    tried: 'turned it off and on|removed and re-added the printer|printed from another PC',
    fixes:
      'Replaced the fuser unit|Re-registered the badge for follow-me printing|Cleared the spooler and redeployed the driver',
  }),
  cat('Server outage', 'Servers & Storage', {
    things:
      'the application server APP-PRD-04|the file server|the reporting server|the build server',
    failures: 'is not responding|ran out of disk space|rebooted unexpectedly|has very high CPU',
    triggers:
      "the patch window|the storage failover|last night's batch run|the certificate renewal",
    errors: 'Service Unavailable (503)|Disk C: is 100 % full|Unexpected shutdown event 6008',
    tried: 'checked the monitoring dashboard|restarted the service|failed over to the standby node',
    fixes:
      'Extended the data volume and cleaned old logs|Restarted the hung service and applied the vendor hotfix|Renewed the expired certificate',
  }),
  cat('Database', 'Database', {
    things: 'the CRM database|nightly reports|the data warehouse load|queries on the orders table',
    failures: 'times out|runs for hours|fails with deadlocks|returns stale data',
    triggers: 'the schema change|the index rebuild|the quarter-end run|the upgrade',
    errors:
      'Lock request time out period exceeded|ORA-01555 snapshot too old|Connection pool exhausted',
    tried: 're-ran the job|reduced the date range|checked the blocking sessions',
    fixes:
      'Added the missing index and updated statistics|Rescheduled the conflicting batch job|Increased the connection pool size',
  }),
  cat('Phishing', 'Security Operations', {
    things:
      'a suspicious email|a message claiming to be from the CEO|an invoice email with a link|a fake login page',
    failures:
      'asks me to enter my password|contains an unexpected attachment|asks for gift cards|was clicked by a colleague',
    triggers: 'this morning|the payroll week|a supplier change|the holiday season',
    errors: 'External sender warning|Link points to an unknown domain|Attachment blocked by policy',
    tried: 'did not open the attachment|reported it with the button|warned my team',
    fixes:
      'Purged the campaign from all mailboxes and blocked the sender domain|Reset the password of the affected user and revoked sessions|Added the URL to the web filter block list',
  }),
  cat('Malware', 'Security Operations', {
    things: 'my laptop|the antivirus|a USB stick|a downloaded file',
    failures: 'shows a threat alert|quarantined a file I need|shows pop-ups|encrypted some files',
    triggers: 'opening an attachment|visiting a website|plugging in a USB stick|the last scan',
    errors:
      'Threat detected: Trojan:Win32/Wacatac|Ransomware behaviour blocked|Potentially unwanted application',
    tried: 'disconnected from the network|ran a full scan|did not restart',
    fixes:
      'Isolated the device, re-imaged it and restored files from backup|Confirmed a false positive and released the file|Removed the adware and reset the browser',
  }),
  cat('ERP', 'Business Applications', {
    things: 'SAP|the purchase order screen|goods receipt posting|the month-end close',
    failures: 'shows a short dump|is very slow|rejects my posting|will not let me approve',
    triggers: 'the transport last night|the authorisation change|the support pack|month end',
    errors:
      'Runtime error TSV_TNEW_PAGE_ALLOC_FAILED|No authorization for transaction ME21N|Posting period not open',
    tried: 'logged off and on|tried another PC|asked a key user',
    fixes:
      'Opened the posting period in agreement with finance|Added the missing role to the user|Imported the corrected transport',
  }),
  cat('CRM', 'CRM', {
    things: 'Salesforce|the opportunity pipeline|the customer search|the quote generator',
    failures:
      'does not save changes|shows duplicate accounts|is slow to load|fails to generate PDFs',
    triggers: 'the release on Friday|the data import|the integration change|this morning',
    errors: 'Insufficient privileges|Apex CPU time limit exceeded|Duplicate value found',
    tried: 'refreshed the page|used another browser|cleared the cache',
    fixes:
      'Merged the duplicate accounts and fixed the import rule|Adjusted the sharing rule for the sales team|Fixed the quote template field mapping',
  }),
  cat('HR portal', 'HR Systems', {
    things: 'the HR portal|my payslip|the leave request form|Workday',
    failures:
      "shows the wrong balance|does not load|rejects my request|shows another person's details",
    triggers: 'the payroll run|the new year|my contract change|the migration',
    errors: 'Unable to process request|Session expired|Validation error',
    tried: 'tried the mobile app|asked HR|cleared cookies',
    fixes:
      'Corrected the leave accrual rule|Fixed the single sign-on mapping|Removed the wrong security assignment',
  }),
  cat('Finance systems', 'Finance Systems', {
    things: 'the expense tool|invoice approval|the budget report|the payment run',
    failures:
      'does not show my claims|is stuck at the approval step|shows wrong totals|failed overnight',
    triggers:
      'the approval chain change|the cost centre update|the quarter end|the currency update',
    errors: 'No approver found for cost centre|Exchange rate missing|Batch job failed',
    tried: 'resubmitted the claim|asked my manager|checked the cost centre',
    fixes:
      'Fixed the approval hierarchy for the cost centre|Loaded the missing exchange rates|Re-ran the payment batch',
  }),
  cat('Intranet', 'Web & Portals', {
    things: 'the intranet|the company website|the news page|the search on the intranet',
    failures: 'shows an error|loads without styles|returns no results|is unreachable from home',
    triggers: 'the redesign|the CDN change|the certificate renewal|the content migration',
    errors: '502 Bad Gateway|Your connection is not private|Page not found',
    tried: 'tried another browser|cleared the cache|used the VPN',
    fixes:
      'Renewed the expired certificate on the load balancer|Rebuilt the search index|Purged the CDN cache',
  }),
  cat('Cloud', 'Cloud Platform', {
    things: 'the Azure subscription|our Kubernetes cluster|the S3 bucket|the cloud VM',
    failures: 'hit its quota|fails deployments|is not reachable|costs far more than usual',
    triggers: 'the policy change|the region outage|the pipeline update|the new tagging rules',
    errors: 'QuotaExceeded|ImagePullBackOff|AccessDenied',
    tried: 're-ran the pipeline|checked the activity log|scaled down',
    fixes:
      'Raised the quota with the provider|Fixed the registry pull secret|Stopped the orphaned instances',
    requests:
      'a new resource group for the analytics team|a quota increase for GPU instances|a service principal for the build pipeline',
  }),
  cat('Backup & restore', 'Backup & Recovery', {
    things: "last night's backup|a deleted folder|the backup of the SQL server|a mailbox item",
    failures: 'failed|needs to be restored|is missing from the catalogue|cannot be found',
    triggers: 'the storage move|an accidental delete|the agent update|the retention change',
    errors: 'Job completed with errors|VSS snapshot failed|Media not found',
    tried: 'checked the recycle bin|looked at previous versions|re-ran the job',
    fixes:
      'Restored the folder from the nightly snapshot|Re-registered the VSS writer and re-ran the backup|Recovered the mailbox item from retention',
    requests:
      "a restore of the Projects folder as of last Friday|a restore of a deleted mailbox|a copy of last month's database backup",
  }),
  cat('Meeting rooms', 'Facilities IT', {
    things:
      'the meeting room screen|the room booking panel|the conference camera|the room microphone',
    failures: 'does not turn on|shows the wrong bookings|is not detected by Teams|crackles',
    triggers: 'the room refit|the firmware update|this morning|the cleaning crew',
    errors: 'No input signal|Device offline|Calendar sync error',
    tried: 'pressed the reset button|used the HDMI cable|booked another room',
    fixes:
      'Replaced the HDMI switcher|Re-linked the panel to the room mailbox|Updated the camera firmware',
  }),
  cat('Mobile devices', 'Mobile Devices', {
    things: 'my company phone|the iPad|mobile email|the device management app',
    failures: 'will not enrol|does not receive mail|has a cracked screen|shows non-compliant',
    triggers: 'the iOS update|the SIM change|a fall|the new compliance policy',
    errors: 'Device not compliant|Cannot get mail|Enrollment failed',
    tried: 'restarted the phone|removed the profile|updated the OS',
    fixes:
      'Re-enrolled the device in MDM|Replaced the handset under the care plan|Updated the OS to meet the compliance policy',
    requests: 'a new company phone|a replacement SIM card|a tablet for field work',
  }),
  cat('Software install', 'Software Distribution', {
    things: 'Visio|the Adobe Acrobat licence|Python and VS Code|the CAD viewer',
    failures:
      'fails to install|says the licence expired|is missing from the software centre|stops at 60 %',
    triggers: 'the laptop refresh|the licence renewal|the package update|the new starter setup',
    errors:
      'Installation failed with error 1603|Licence not found|Application requirements not met',
    tried: 'retried from the software centre|restarted|asked a colleague',
    fixes:
      'Deployed the corrected package|Assigned a licence from the pool|Fixed the detection rule in the software centre',
    requests:
      'an install of Microsoft Visio|an Adobe Acrobat Pro licence|Python 3.12 and VS Code on my laptop|the CAD viewer for the design team',
  }),
  cat('General enquiry', 'Service Desk', {
    things: 'my new starter setup|the IT induction|the laptop return|my leaver checklist',
    failures: 'is not complete|has no information|is unclear|is missing equipment',
    triggers: 'my first day|the manager change|the office move|the end of my contract',
    errors: 'No error shown|Form submission failed|Page not found',
    tried: 'searched the knowledge base|asked my manager|called the desk',
    fixes:
      'Explained the process and shared the knowledge article|Completed the missing setup steps|Arranged collection of the equipment',
    requests:
      "equipment for a new starter|the collection of a leaver's laptop|an IT induction session",
  }),
];
